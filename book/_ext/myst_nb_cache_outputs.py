"""Make a notebook read from the execution cache give the same `.ipynb` download as an executed one.

myst-nb (1.x) writes each notebook page's executed notebook to `_build/jupyter_execute/`, and
sphinx-book-theme copies it to `_sources/` for the page's ".ipynb" download button. When myst-nb
*executes* a notebook it fills in the outputs of the notebook object it later writes; when it takes
the outputs from the jupyter-cache it merges them into a *copy*, so the written notebook has no
outputs. A page built from the cache (every incremental build, every CI run with a restored cache)
then offers a download without outputs, unlike a clean build. This puts the cached outputs into
the original notebook object, which is the one myst-nb renders and writes.
"""

from myst_nb.core.execute.cache import NotebookClientCache

_start_client = NotebookClientCache.start_client


def _start_client_keeping_the_notebook(self):
    original = self._notebook
    _start_client(self)
    if self._notebook is not original:  # outputs came from the cache, merged into a copy
        original.clear()
        original.update(self._notebook)
        self._notebook = original


def setup(app):
    if NotebookClientCache.start_client is _start_client:
        NotebookClientCache.start_client = _start_client_keeping_the_notebook
    return {"parallel_read_safe": True, "parallel_write_safe": True}
