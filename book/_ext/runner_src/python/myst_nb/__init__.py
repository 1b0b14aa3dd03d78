"""A stand-in for myst_nb in the book's in-page runner: `glue` only matters when the book builds."""


def glue(name, variable, display=True):
    """Does nothing here: glued values feed the book's prose at build time."""
    if display:
        from IPython.display import display as show

        show(variable)
