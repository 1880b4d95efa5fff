from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.core.cache import close_redis_client
from app.core.metrics import setup_metrics
from app.core.tracing import init_tracing, shutdown_tracing
from app.settings import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()
    await shutdown_tracing()


app = FastAPI(debug=settings.debug, lifespan=lifespan)
setup_metrics(app)
init_tracing(app)
