"""Pieces every router shares: the documented error answers and the id path parameter bounds."""

from .schemas import ErrorResponse

# Every operation may refuse bad input (400) or miss a record or page (404), refuses over-long URLs (414),
# and answers 304 when current.
ERRORS = {304: None, 400: ErrorResponse, 404: ErrorResponse, 414: ErrorResponse}
