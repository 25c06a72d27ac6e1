"""Demo content for the Health Library: articles, glossary terms, references and tags.

Everything here is our own writing, shaped like a long layered health article. The
`load_demo` management command loads it idempotently; scripts/make_demo_images.py draws the figures.
"""
