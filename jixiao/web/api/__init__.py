"""The REST API (django-ninja): OpenAPI schema at ``/api/openapi.json``, interactive docs at ``/api/docs``."""
