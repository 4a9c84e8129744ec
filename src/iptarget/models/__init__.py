"""The pydantic models of the four file kinds, and their JSON Schema."""
