from fastapi import FastAPI

from app.core import settings

app = FastAPI()


@app.get("/config")
def config() -> dict[str, int]:
    return {"page_size": settings.page_size}
