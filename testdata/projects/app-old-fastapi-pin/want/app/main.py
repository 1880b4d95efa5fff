from fastapi import FastAPI

from app.config import settings
from app.core.cache import close_redis_client

app = FastAPI(title=settings.app_name)


@app.on_event("shutdown")
async def close_redis_client_on_shutdown():
    await close_redis_client()
