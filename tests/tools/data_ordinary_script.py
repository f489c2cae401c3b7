# An ordinary openEO script as people write them (tests/tools/test_sandbox_guard.py, test_sandbox_ordinary.py).
from __future__ import annotations
import datetime as dt
from pathlib import Path
from dataclasses import dataclass
from collections import OrderedDict, defaultdict
import itertools, functools, re, typing, time, logging, warnings
import numpy as np
import scipy.signal
import openeo
from openeo.processes import *

logging.basicConfig(level=logging.INFO)
warnings.filterwarnings("ignore")

@dataclass
class Area:
    west: float
    south: float
    east: float
    north: float
    def extent(self) -> dict:
        return {"west": self.west, "south": self.south, "east": self.east, "north": self.north}

out_dir = Path("results")
out_dir.mkdir(parents=True, exist_ok=True)
day = dt.date(2023, 6, 1)
print(f"{day:%Y-%m-%d}", dt.datetime.strptime("2023-06-30", "%Y-%m-%d").date())
con = openeo.connect("https://openeo.dataspace.copernicus.eu").authenticate_oidc()
aoi = Area(4.65, 50.83, 4.79, 50.92)
kernel = np.outer(scipy.signal.windows.gaussian(5, 1), scipy.signal.windows.gaussian(5, 1))
kernel = (kernel / kernel.sum()).tolist()

def ndvi_cube(start: str, end: str):
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=aoi.extent(), temporal_extent=[start, end], bands=["B04", "B08"])
    return cube.ndvi(nir="B08", red="B04").reduce_dimension("t", reducer="median")

for i, (a, b) in enumerate(itertools.pairwise(["2023-06-01", "2023-07-01", "2023-08-01"])):
    c = ndvi_cube(a, b).apply_kernel(kernel)
    c.download(out_dir / f"ndvi_{i}.tif")

job = ndvi_cube("2023-06-01", "2023-07-01").create_job(title="june", out_format="netCDF")
job.start_and_wait()
print(job.describe()["status"], sorted(job.describe()), [str(l.message) for l in job.logs()])
assets = job.get_results().get_assets()
print([a.key for a in assets], job.get_results().download_files(out_dir / "june"))
print(len(con.list_jobs()), con.job(job.job_id).status())
from openeo.api.process import Parameter
udp = con.save_user_defined_process("my_ndvi", ndvi_cube("2023-06-01", "2023-07-01").flat_graph(), parameters=[Parameter.string("p")])
print(udp.describe()["id"], re.sub("a", "b", "aaa"), functools.reduce(lambda x, y: x + y, [1, 2, 3]), defaultdict(list)["x"], __name__, Path(__file__).name)
r = ndvi_cube("2023-06-01", "2023-07-01").execute_batch(out_dir / "batch.nc", out_format="netCDF")
