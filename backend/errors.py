"""openEO API errors as exception classes named after their openEO error codes.

Every error the backend returns is `{"id", "code", "message", "links"}` with the HTTP status
of errors.json in the openEO API spec. Messages say what was wrong *and how to fix it*: they
go back to a model that must repair its process graph.
"""

from __future__ import annotations


class OpenEOApiError(Exception):
    code: str = "Internal"
    status: int = 500

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status

    def to_dict(self, error_id: str = "") -> dict:
        return {"id": error_id, "code": self.code, "message": self.message, "links": []}

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class BadRequest(OpenEOApiError):
    code, status = "BadRequest", 400


class JSONMalformed(OpenEOApiError):
    code, status = "JSONMalformed", 400


class ProcessGraphMissing(OpenEOApiError):
    code, status = "ProcessGraphMissing", 400


class ProcessGraphInvalid(OpenEOApiError):
    code, status = "ProcessGraphInvalid", 400


class ProcessUnsupported(OpenEOApiError):
    code, status = "ProcessUnsupported", 400


class ProcessParameterMissing(OpenEOApiError):
    code, status = "ProcessParameterMissing", 400


class ProcessParameterUnsupported(OpenEOApiError):
    code, status = "ProcessParameterUnsupported", 400


class ProcessParameterInvalid(OpenEOApiError):
    code, status = "ProcessParameterInvalid", 400


class CollectionNotFound(OpenEOApiError):
    code, status = "CollectionNotFound", 404


class BandNotAvailable(OpenEOApiError):
    code, status = "BandNotAvailable", 400


class ExtentOutsideCollection(OpenEOApiError):
    code, status = "ExtentOutsideCollection", 400


class TemporalExtentInvalid(OpenEOApiError):
    code, status = "TemporalExtentInvalid", 400


class SpatialExtentInvalid(OpenEOApiError):
    code, status = "SpatialExtentInvalid", 400


class DimensionNotAvailable(OpenEOApiError):
    code, status = "DimensionNotAvailable", 400


class RequestTooLarge(OpenEOApiError):
    """Larger than the synchronous pixel budget: suggest a smaller area, coarser resolution or a batch job."""

    code, status = "RequestTooLarge", 413


class NoDataAvailable(OpenEOApiError):
    code, status = "NoDataAvailable", 400


class FormatUnsupported(OpenEOApiError):
    code, status = "FormatUnsupported", 400


class UdfUnsupported(OpenEOApiError):
    """UDFs cannot run here (no way to run untrusted code without root, or the data is not a raster cube)."""

    code, status = "UdfUnsupported", 400


class InvalidRuntime(OpenEOApiError):
    """run_udf's runtime is not one of GET /udf_runtimes."""

    code, status = "InvalidRuntime", 400


class InvalidVersion(OpenEOApiError):
    """run_udf's runtime version is not one of GET /udf_runtimes."""

    code, status = "InvalidVersion", 400


class UdfError(OpenEOApiError):
    """The UDF itself failed (its exception and traceback lines, a time or memory limit)."""

    code, status = "UdfError", 400


class JobNotFound(OpenEOApiError):
    code, status = "JobNotFound", 404


class JobNotFinished(OpenEOApiError):
    code, status = "JobNotFinished", 400


class JobLocked(OpenEOApiError):
    code, status = "JobLocked", 400


class AuthenticationRequired(OpenEOApiError):
    code, status = "AuthenticationRequired", 401


class CredentialsInvalid(OpenEOApiError):
    code, status = "CredentialsInvalid", 403


class ExecutionFailed(OpenEOApiError):
    """A graph that passed validation failed while computing (inside Dask)."""

    code, status = "Internal", 500


class AuthenticationSchemeInvalid(OpenEOApiError):
    code, status = "AuthenticationSchemeInvalid", 403


class TokenInvalid(OpenEOApiError):
    """An access token that is forged, for another backend, or expired."""

    code, status = "TokenInvalid", 403


class ResultLinkExpired(OpenEOApiError):
    code, status = "ResultLinkExpired", 410


class PayloadTooLarge(OpenEOApiError):
    code, status = "PayloadTooLarge", 413


class RequestTimeout(OpenEOApiError):
    """A computation ran past its wall-time limit and was stopped."""

    code, status = "RequestTimeout", 408


class StorageQuotaExceeded(OpenEOApiError):
    code, status = "StorageQuotaExceeded", 400


class JobQuotaExceeded(OpenEOApiError):
    """Too many stored or running batch jobs for one user."""

    code, status = "JobQuotaExceeded", 429


class ComputationStopped(OpenEOApiError):
    """A computation stopped on purpose: its job was canceled or deleted, its client left, or the
    server is shutting down. `status` 503 tells a client it may try again."""

    code, status = "ComputationStopped", 503
