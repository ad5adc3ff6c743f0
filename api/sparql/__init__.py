"""The SPARQL 1.1 protocol at /sparql, read-only.

    endpoint.py     GET and POST /sparql: checks, content negotiation, the answer cache, the service description
    pool.py         the pool of query worker processes, fair to every client (api.sparql.pool.Sandbox)
    worker.py       one worker process: runs a query against its own copy of the store, isolated
    results.py      writing solutions, booleans and triples in every format the endpoint speaks
    query_page.py   /sparql in a browser: the query page, offering the cookbook of cookbook.py
    cookbook.py     examples/*.rq, one researcher's question per file
    notebook.py     what the Jupyter notebooks (notebooks/) share: the store without a server, the cookbook
"""
