"""The service: a SPARQL endpoint, REST routes over named queries, and a network page."""
