"""The openEO API 1.2 routes of the embedded backend, one module per resource group."""
