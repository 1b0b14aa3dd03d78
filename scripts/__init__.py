"""The book's maintenance scripts, importable as a package (`from scripts import book_config`).

Each module also runs as a file: `python scripts/build_book.py`, `python scripts/generate.py`.
"""
