"""``doctool serve``: a local web editor to review translations and edit the glossary.

It needs the ``serve`` extra (Starlette, uvicorn, Jinja2); importing this package alone does
not, so the rest of doctool works without it.
"""
