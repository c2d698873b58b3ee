"""Downloader middleware: retries of 5xx/429 with exponential backoff that honours Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked by a Retry-After header (delta-seconds or HTTP-date), or None when absent/unreadable."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(retry_times: int, base: float, cap: float, retry_after: float | None) -> float:
    """Wait before retry number `retry_times` (1-based): Retry-After when given, else base * 2^(n-1); capped."""
    delay = retry_after if retry_after is not None else base * 2 ** max(0, retry_times - 1)
    return min(max(0.0, delay), cap)


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits between attempts: Retry-After, else exponential backoff."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        """Retry a retryable status after the wait the server asked for (or a growing one)."""
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        header = response.headers.get(b"Retry-After")
        asked = retry_after_seconds(header.decode("latin-1") if header else None)
        delay = backoff_delay(retry.meta.get("retry_times", 1), self.base, self.cap, asked)
        if delay > 0:
            await sleep(delay)
        return retry
