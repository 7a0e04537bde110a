"""What BLAS numpy runs, for the benchmarks' reports: its name, version and the kernels it chose."""

import ctypes

import numpy as np


def blas_name():
    """e.g. "scipy-openblas 0.3.31.188.0, SkylakeX kernels": OpenBLAS picks its kernels for the CPU
    at load time (or as OPENBLAS_CORETYPE forces), and they set its speed."""
    try:
        deps = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        name = f"{deps.get('name')} {deps.get('version')}"
    except Exception:  # older numpy: no mode="dicts"
        name = "unknown"
    core = openblas_core()
    return f"{name}, {core} kernels" if core else name


def openblas_core():
    """The kernels OpenBLAS chose, asked of the library numpy loaded; None if it is not OpenBLAS."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
    for path in paths:
        lib = ctypes.CDLL(path)
        for symbol in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename64_", "openblas_get_corename"):
            get = getattr(lib, symbol, None)
            if get:
                get.restype = ctypes.c_char_p
                return get().decode()
    return None
