"""thucydides: news in, political event data out (PLOVER/CAMEO), offline.

Library use::

    from thucydides.pipeline import Pipeline, Options
    from thucydides.read import read_documents

    pipe = Pipeline(Options())
    for doc in pipe.run(read_documents(["article.txt"])):
        ...
"""

__version__ = "0.1.0"
