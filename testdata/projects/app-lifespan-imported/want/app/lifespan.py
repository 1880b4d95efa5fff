"""Startup and shutdown of the service."""
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.core.cache import close_redis_client
from app.core.queue import close_pool

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    log.info("starting")
    yield
    log.info("stopped")
    await close_redis_client()
    await close_pool()
