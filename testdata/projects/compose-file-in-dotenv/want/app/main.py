from contextlib import asynccontextmanager

from app.core.cache import close_redis_client
from fastapi import FastAPI

from app.config import settings

@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(title="notes", lifespan=lifespan)


@app.get("/")
def index() -> dict[str, str]:
    return {"db": settings.database_url.rsplit("@", 1)[-1]}
