"""From structured content to documents: layout to a renderer-neutral Brief, then writers."""
