"""Sources -> extraction -> graph: everything that turns the five documents into a cited RDF dataset."""
