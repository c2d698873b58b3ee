"""HTML, XML and JSON renderers for the sample sites, one module per kind of site."""
