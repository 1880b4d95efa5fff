from fastapi import FastAPI

from app.settings import settings

app = FastAPI(debug=settings.debug)
