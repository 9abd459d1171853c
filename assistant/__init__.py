"""The assistant: hybrid retrieval over the index and answers with verified citations."""
