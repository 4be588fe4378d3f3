"""Developer tools: font conversion and the extraction evaluation."""
