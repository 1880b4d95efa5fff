import logging

from fastapi import FastAPI

from app.config import settings

log = logging.getLogger(__name__)
app = FastAPI(title=settings.app_name)


@app.on_event("startup")
async def startup() -> None:
    log.info("up")


@app.on_event("shutdown")
async def shutdown() -> None:
    log.info("down")


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
