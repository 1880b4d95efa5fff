from fastapi import FastAPI

from service.config import settings

app = FastAPI(title=settings.service_name)
