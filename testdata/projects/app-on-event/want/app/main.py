import logging

from fastapi import FastAPI

from app.config import settings
from app.core.cache import close_redis_client
from app.core.metrics import setup_metrics
from app.core.tracing import init_tracing, shutdown_tracing

log = logging.getLogger(__name__)
app = FastAPI(title=settings.app_name)
setup_metrics(app)
init_tracing(app)


@app.on_event("startup")
async def startup() -> None:
    log.info("up")


@app.on_event("shutdown")
async def shutdown() -> None:
    log.info("down")
    await close_redis_client()
    await shutdown_tracing()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
