"""Naming a failed request: one `kind` per cause, as counted in crawl_errors and source_stats."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
    UnsupportedURLSchemeError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error
from twisted.python.failure import Failure

# Exception classes, most specific first, and the kind they are counted as.
_KINDS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError), "timeout"),
    ((CannotResolveHostError, tx_error.DNSLookupError), "dns"),
    ((DownloadConnectionRefusedError, tx_error.ConnectionRefusedError), "connection_refused"),
    ((DownloadCancelledError,), "too_large"),
    ((ResponseDataLossError,), "data_loss"),
    ((UnsupportedURLSchemeError,), "bad_scheme"),
    ((DownloadFailedError, tx_error.ConnectionLost, tx_error.ConnectionDone, tx_error.ConnectError), "connection"),
)


def http_kind(status: int) -> str:
    """The kind of an HTTP error status."""
    if status in (404, 410):
        return "not_found"
    if status == 429:
        return "rate_limited"
    if status >= 500:
        return "server_error"
    if status in (401, 403):
        return "forbidden"
    return "http_error"


def error_kind(failure: Failure) -> tuple[str, int | None, str]:
    """(kind, HTTP status or None, message) of a failed request."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return http_kind(status), status, f"HTTP {status}"
    message = str(exc) or type(exc).__name__
    if isinstance(exc, IgnoreRequest) and isinstance(getattr(exc, "kind", None), str):
        return exc.kind, None, message  # crawler.safety's refusals name their kind
    if isinstance(exc, IgnoreRequest):
        if "robots" in message.lower():
            return "robots", None, message
        if "redirect" in message.lower():
            return "redirect_loop", None, message
        return "ignored", None, message
    for classes, kind in _KINDS:
        if isinstance(exc, classes):
            return kind, None, message
    return "other", None, f"{type(exc).__name__}: {message}"
