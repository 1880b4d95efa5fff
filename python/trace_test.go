package python

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/paxx-dev/paxx/rewrite"
)

// The official full-stack FastAPI template, cut down to what discovery
// reads: the app imports the instance, and a test subclass sits in tests.
var fullStack = map[string]string{
	"app/__init__.py": "",
	"app/main.py": `import sentry_sdk
from fastapi import FastAPI
from fastapi.routing import APIRoute

from app.api.main import api_router
from app.core.config import settings


def custom_generate_unique_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}"


app = FastAPI(title=settings.API_V1_STR, generate_unique_id_function=custom_generate_unique_id)
app.include_router(api_router, prefix=settings.API_V1_STR)
`,
	"app/api/__init__.py":        "",
	"app/api/main.py":            "from fastapi import APIRouter\n\nfrom app.api.routes import items\n\napi_router = APIRouter()\napi_router.include_router(items.router)\n",
	"app/api/routes/__init__.py": "",
	"app/api/routes/items.py":    "from fastapi import APIRouter\n\nfrom app.core.db import engine\n\nrouter = APIRouter()\n",
	"app/core/__init__.py":       "",
	"app/core/db.py":             "from sqlmodel import create_engine\n\nfrom app.core.config import settings\n\nengine = create_engine(str(settings.API_V1_STR))\n",
	"app/core/config.py": `import secrets

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        # Use top level .env file (one level above ./backend/)
        env_file="../.env",
        env_ignore_empty=True,
        extra="ignore",
    )
    API_V1_STR: str = "/api/v1"
    SECRET_KEY: str = secrets.token_urlsafe(32)


settings = Settings()  # type: ignore
`,
	"app/tests/__init__.py": "",
	"app/tests/conftest.py": "from app.core.config import Settings\n\n\nclass TestSettings(Settings):\n    SECRET_KEY: str = \"test\"\n",
}

// with returns a copy of files with more files added (or replaced).
func with(files map[string]string, more map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// A family of settings classes chosen per environment, as in
// fastapi-realworld-example-app: a dict of classes indexed at run time in
// an lru_cache'd factory.
var realworld = map[string]string{
	"app/__init__.py": "",
	"app/main.py": `from fastapi import FastAPI

from app.core.config import get_app_settings


def get_application() -> FastAPI:
    settings = get_app_settings()
    application = FastAPI(**settings.fastapi_kwargs)
    return application


app = get_application()
`,
	"app/core/__init__.py": "",
	"app/core/config.py": `from functools import lru_cache
from typing import Dict, Type

from app.core.settings.app import AppSettings
from app.core.settings.base import AppEnvTypes, BaseAppSettings
from app.core.settings.development import DevAppSettings
from app.core.settings.production import ProdAppSettings
from app.core.settings.test import TestAppSettings

environments: Dict[AppEnvTypes, Type[AppSettings]] = {
    AppEnvTypes.dev: DevAppSettings,
    AppEnvTypes.prod: ProdAppSettings,
    AppEnvTypes.test: TestAppSettings,
}


@lru_cache
def get_app_settings() -> AppSettings:
    app_env = BaseAppSettings().app_env
    config = environments[app_env]
    return config()
`,
	"app/core/settings/__init__.py": "",
	"app/core/settings/base.py": `from enum import Enum

from pydantic_settings import BaseSettings, SettingsConfigDict


class AppEnvTypes(Enum):
    prod: str = "prod"
    dev: str = "dev"
    test: str = "test"


class BaseAppSettings(BaseSettings):
    app_env: AppEnvTypes = AppEnvTypes.prod
    model_config = SettingsConfigDict(env_file=".env")
`,
	"app/core/settings/app.py":         "from app.core.settings.base import BaseAppSettings\n\n\nclass AppSettings(BaseAppSettings):\n    debug: bool = False\n",
	"app/core/settings/development.py": "from app.core.settings.app import AppSettings\n\n\nclass DevAppSettings(AppSettings):\n    debug: bool = True\n",
	"app/core/settings/production.py":  "from app.core.settings.app import AppSettings\n\n\nclass ProdAppSettings(AppSettings):\n    pass\n",
	"app/core/settings/test.py":        "from app.core.settings.app import AppSettings\n\n\nclass TestAppSettings(AppSettings):\n    debug: bool = True\n",
}

// backendTemplate is a FastAPI backend template (Aeternalis-Ingenium's
// FastAPI-Backend-Template), cut down to what discovery reads: a config
// package with a base settings class and one subclass per environment, a
// factory object that picks one at run time behind an lru_cache'd
// get_settings, and the module-level object annotated with the base
// class, which the app imports.
var backendTemplate = map[string]string{
	"src/__init__.py": "",
	"src/main.py": `import fastapi

from src.config.manager import settings


def initialize_backend_application() -> fastapi.FastAPI:
    app = fastapi.FastAPI(**settings.set_backend_app_attributes)  # type: ignore
    return app


backend_app: fastapi.FastAPI = initialize_backend_application()
`,
	"src/config/__init__.py": "",
	"src/config/manager.py": `from functools import lru_cache

import decouple

from src.config.settings.base import BackendBaseSettings
from src.config.settings.dev import BackendDevSettings
from src.config.settings.environment import Environment
from src.config.settings.prod import BackendProdSettings
from src.config.settings.stage import BackendStageSettings


class BackendSettingsFactory:
    def __init__(self, environment: str):
        self.environment = environment

    def __call__(self) -> BackendBaseSettings:
        if self.environment == Environment.DEVELOPMENT.value:
            return BackendDevSettings()
        elif self.environment == Environment.STAGING.value:
            return BackendStageSettings()
        return BackendProdSettings()


@lru_cache()
def get_settings() -> BackendBaseSettings:
    return BackendSettingsFactory(environment=decouple.config("ENVIRONMENT", default="DEV", cast=str))()  # type: ignore


settings: BackendBaseSettings = get_settings()
`,
	"src/config/settings/__init__.py": "",
	"src/config/settings/base.py": `import pathlib

import decouple
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT_DIR: pathlib.Path = pathlib.Path(__file__).parent.parent.parent.parent.resolve()


class BackendBaseSettings(BaseSettings):
    TITLE: str = "FastAPI Backend Template"
    VERSION: str = "0.1.0"
    DESCRIPTION: str | None = None
    DEBUG: bool = False

    SERVER_HOST: str = decouple.config("BACKEND_SERVER_HOST", default="127.0.0.1", cast=str)  # type: ignore
    SERVER_PORT: int = decouple.config("BACKEND_SERVER_PORT", default=8000, cast=int)  # type: ignore

    model_config = SettingsConfigDict(case_sensitive=True, env_file=f"{str(ROOT_DIR)}/.env", validate_assignment=True)

    @property
    def set_backend_app_attributes(self) -> dict[str, str | bool | None]:
        return {"title": self.TITLE, "version": self.VERSION, "debug": self.DEBUG, "description": self.DESCRIPTION}
`,
	"src/config/settings/environment.py": `import enum


class Environment(str, enum.Enum):
    PRODUCTION: str = "PROD"  # type: ignore
    DEVELOPMENT: str = "DEV"  # type: ignore
    STAGING: str = "STAGE"  # type: ignore
`,
	"src/config/settings/dev.py": `from src.config.settings.base import BackendBaseSettings
from src.config.settings.environment import Environment


class BackendDevSettings(BackendBaseSettings):
    DESCRIPTION: str | None = "Development Environment."
    DEBUG: bool = True
    ENVIRONMENT: Environment = Environment.DEVELOPMENT
`,
	"src/config/settings/stage.py": `from src.config.settings.base import BackendBaseSettings
from src.config.settings.environment import Environment


class BackendStageSettings(BackendBaseSettings):
    DESCRIPTION: str | None = "Test Environment."
    DEBUG: bool = True
    ENVIRONMENT: Environment = Environment.STAGING
`,
	"src/config/settings/prod.py": `from src.config.settings.base import BackendBaseSettings
from src.config.settings.environment import Environment


class BackendProdSettings(BackendBaseSettings):
    DESCRIPTION: str | None = "Production Environment."
    ENVIRONMENT: Environment = Environment.PRODUCTION
`,
}

// family is one module with a common base and three environments' classes.
const family = `import os
from functools import lru_cache

from pydantic_settings import BaseSettings


class CommonSettings(BaseSettings):
    debug: bool = False


class DevSettings(CommonSettings):
    debug: bool = True


class ProdSettings(CommonSettings):
    pass


class TestingSettings(CommonSettings):
    pass
`

// discoverCase is a project, what discovery should find in it, and the
// app module Python imports to check that the app uses that class ("" for
// no such check).
type discoverCase struct {
	name  string
	files map[string]string
	opts  DiscoverOptions
	want  Location
	via   string // a substring of Via
	entry string
}

// discoverCases are the projects TestDiscoverWith and
// TestDiscoveredClassIsWhatPythonUses share.
func discoverCases() []discoverCase {
	return []discoverCase{
		{
			name:  "full-stack template from the usual app/main.py",
			files: fullStack,
			want:  Location{Path: "app/core/config.py", Module: "app.core.config", Class: "Settings", Line: 6},
			via:   "app/main.py imports settings from app.core.config",
			entry: "app.main",
		},
		{
			name:  "full-stack template from the given entrypoint",
			files: fullStack,
			opts:  DiscoverOptions{Entrypoints: []string{"app.main:app"}},
			want:  Location{Path: "app/core/config.py", Module: "app.core.config", Class: "Settings", Line: 6},
			via:   "app/main.py imports settings from app.core.config",
		},
		{
			name: "a missing entrypoint is skipped, a slash path is followed",
			files: with(fullStack, map[string]string{
				"app/main.py":      "from fastapi import FastAPI\n\napp = FastAPI()\n",
				"service/serve.py": "import fastapi\n\nfrom app.core import config\n\napp = fastapi.FastAPI(debug=config.settings.DEBUG)\n",
			}),
			opts: DiscoverOptions{Entrypoints: []string{"nope.main:app", "service/serve.py"}},
			want: Location{Path: "app/core/config.py", Module: "app.core.config", Class: "Settings", Line: 6},
			via:  "service/serve.py → app/core/config.py sets settings = Settings(...)",
		},
		{
			name: "import as an alias and a dotted class",
			files: map[string]string{
				"api/main.py":   "from fastapi import FastAPI\n\nimport conf.base as cfg\n\nsettings = cfg.AppConfig()\napp = FastAPI()\n",
				"conf/base.py":  appConfig,
				"conf/other.py": settingsPy,
			},
			want: Location{Path: "conf/base.py", Module: "conf.base", Class: "AppConfig", Line: 4},
			via:  "api/main.py sets settings = cfg.AppConfig(...)",
		},
		{
			name: "gunicorn config beside the app's own config class",
			files: map[string]string{
				"gunicorn_conf.py": "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    workers: int = 4\n\n\nsettings = Settings()\nworkers = settings.workers\n",
				"src/main.py":      "from fastapi import FastAPI\n\nfrom src.config import Config\n\nconfig = Config()\napp = FastAPI(title=config.APP_NAME)\n",
				"src/config.py":    "from pydantic_settings import BaseSettings\n\n\nclass Config(BaseSettings):\n    APP_NAME: str = \"shop\"\n",
			},
			want:  Location{Path: "src/config.py", Module: "src.config", Class: "Config", Line: 4},
			via:   "src/main.py sets config = Config(...)",
			entry: "src.main",
		},
		{
			name: "gunicorn config given as an entrypoint is not the app",
			files: map[string]string{
				"gunicorn_conf.py": "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    workers: int = 4\n\n\nsettings = Settings()\n",
				"src/main.py":      "from fastapi import FastAPI\n\nfrom src.config import settings\n\napp = FastAPI(title=settings.APP_NAME)\n",
				"src/config.py":    "from pydantic_settings import BaseSettings\n\n\nclass Config(BaseSettings):\n    APP_NAME: str = \"shop\"\n\n\nsettings = Config()\n",
			},
			opts: DiscoverOptions{Entrypoints: []string{"gunicorn_conf.py", "src.main:app"}},
			want: Location{Path: "src/config.py", Module: "src.config", Class: "Config", Line: 4},
			via:  "src/main.py imports settings from src.config",
		},
		{
			name: "a library base class and a nested settings model",
			files: map[string]string{
				"app/main.py": "from fastapi import FastAPI\n\nfrom app.config import settings\n\napp = FastAPI()\n",
				"app/config.py": `from fastapi_users_db import BaseAppSettings
from pydantic_settings import BaseSettings


class PostgresSettings(BaseSettings):
    host: str = "db"


class Settings(BaseAppSettings):
    postgres: PostgresSettings = PostgresSettings()
    debug: bool = False


settings = Settings()
`,
			},
			want:  Location{Path: "app/config.py", Module: "app.config", Class: "Settings", Line: 9},
			via:   "app/main.py imports settings from app.config",
			entry: "app.main",
		},
		{
			name: "a nested model's own instance at the same distance is not the target",
			files: map[string]string{
				"app/main.py": "from fastapi import FastAPI\n\nfrom app import config\n\napp = FastAPI(debug=config.settings.debug)\n",
				"app/config.py": `from fastapi_users_db import BaseAppSettings
from pydantic_settings import BaseSettings


class PostgresSettings(BaseSettings):
    host: str = "db"


class Settings(BaseAppSettings):
    postgres: Optional[PostgresSettings] = None


postgres = PostgresSettings()
settings = Settings(postgres=postgres)
`,
			},
			want: Location{Path: "app/config.py", Module: "app.config", Class: "Settings", Line: 9},
			via:  "app/main.py → app/config.py sets settings = Settings(...)",
		},
		{
			name:  "per-environment family through a factory: their common base",
			files: with(realworld, map[string]string{"app/core/config.py": strings.Replace(realworld["app/core/config.py"], "def get_app_settings() -> AppSettings:", "def get_app_settings():", 1)}),
			want:  Location{Path: "app/core/settings/app.py", Module: "app.core.settings.app", Class: "AppSettings", Line: 4},
			via:   "app/main.py imports get_app_settings from app.core.config; it is one of DevAppSettings, ProdAppSettings, TestAppSettings",
		},
		{
			name:  "per-environment family through a factory annotated with their base",
			files: realworld,
			want:  Location{Path: "app/core/settings/app.py", Module: "app.core.settings.app", Class: "AppSettings", Line: 4},
			via:   "app/main.py imports get_app_settings from app.core.config; its annotation names AppSettings",
		},
		{
			name: "family chosen with if and elif",
			files: map[string]string{
				"main.py": "from fastapi import FastAPI\n\nfrom config import get_settings\n\napp = FastAPI(debug=get_settings().debug)\n",
				"config.py": family + `

@lru_cache
def get_settings():
    env = os.getenv("ENV", "dev")
    if env == "prod":
        return ProdSettings()
    elif env == "test":
        return TestingSettings()
    return DevSettings()
`,
			},
			want:  Location{Path: "config.py", Module: "config", Class: "CommonSettings", Line: 7},
			via:   "main.py imports get_settings from config",
			entry: "main",
		},
		{
			name: "family chosen by indexing a dict literal",
			files: map[string]string{
				"main.py":   "from fastapi import FastAPI\n\nfrom config import settings\n\napp = FastAPI()\n",
				"config.py": family + "\n\nsettings = {\"dev\": DevSettings, \"prod\": ProdSettings}[os.getenv(\"ENV\", \"dev\")]()\n",
			},
			want:  Location{Path: "config.py", Module: "config", Class: "CommonSettings", Line: 7},
			via:   "main.py imports settings from config",
			entry: "main",
		},
		{
			name: "lru_cache get_settings used with Depends, relative import",
			files: map[string]string{
				"settings.py":     "from pydantic_settings import BaseSettings\n\n\nclass OldSettings(BaseSettings):\n    x: int = 1\n",
				"app/__init__.py": "",
				"app/main.py": `from typing import Annotated

from fastapi import Depends, FastAPI

from .config import Settings, get_settings

app = FastAPI()


@app.get("/info")
async def info(settings: Annotated[Settings, Depends(get_settings)]):
    return {"app_name": settings.app_name}
`,
				"app/config.py": `from functools import lru_cache

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "Awesome API"


@lru_cache
def get_settings():
    return Settings()
`,
			},
			want:  Location{Path: "app/config.py", Module: "app.config", Class: "Settings", Line: 6},
			via:   "app/main.py imports get_settings from .config",
			entry: "app.main",
		},
		{
			name: "a settings instance re-exported by a package",
			files: map[string]string{
				"app/main.py":            "from fastapi import FastAPI\n\nfrom app.core import settings\n\napp = FastAPI()\n",
				"app/core/__init__.py":   "from .conf.base import settings\n",
				"app/core/conf/base.py":  "from .model import AppConf\n\nsettings = AppConf()\n",
				"app/core/conf/model.py": "from pydantic_settings import BaseSettings\n\n\nclass AppConf(BaseSettings):\n    x: int = 1\n",
			},
			want: Location{Path: "app/core/conf/model.py", Module: "app.core.conf.model", Class: "AppConf", Line: 4},
			via:  "app/main.py imports settings from app.core",
		},
		{
			name: "the nearest object wins",
			files: map[string]string{
				"main.py":         "from fastapi import FastAPI\n\nfrom routes import router\nfrom conf import settings\n\napp = FastAPI()\n",
				"routes.py":       "from fastapi import APIRouter\n\nfrom plugins.conf import plugin_settings\n\nrouter = APIRouter()\n",
				"plugins/conf.py": "from pydantic_settings import BaseSettings\n\n\nclass PluginSettings(BaseSettings):\n    x: int = 1\n\n\nplugin_settings = PluginSettings()\n",
				"conf.py":         "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    x: int = 1\n\n\nsettings = Settings()\n",
			},
			want: Location{Path: "conf.py", Module: "conf", Class: "Settings", Line: 4},
			via:  "main.py imports settings from conf",
		},
		{
			name: "app found by its FastAPI() assignment",
			files: map[string]string{
				"service/server.py":         "from fastapi import FastAPI\n\nfrom service.settings import settings\n\nweb = FastAPI()\n",
				"service/settings.py":       "from pydantic_settings import BaseSettings\n\n\nclass ServiceSettings(BaseSettings):\n    x: int = 1\n\n\nsettings = ServiceSettings()\n",
				"service/test_server.py":    "from fastapi import FastAPI\n\nfrom tools.conf import c\n\napp = FastAPI()\n",
				"tools/conf.py":             "from pydantic_settings import BaseSettings\n\n\nclass ToolSettings(BaseSettings):\n    x: int = 1\n\n\nc = ToolSettings()\n",
				"scripts/make_app.py":       "from fastapi import FastAPI\n\nfrom tools.conf import c\n\napp = FastAPI()\n",
				"service/other/__init__.py": "",
			},
			want: Location{Path: "service/settings.py", Module: "service.settings", Class: "ServiceSettings", Line: 4},
			via:  "service/server.py imports settings from service.settings",
		},
		{
			name: "an instance of a library-based class that does not say settings is not taken",
			files: map[string]string{
				"main.py":           "from fastapi import FastAPI\n\nfrom db import database\nimport core.config\n\napp = FastAPI(debug=core.config.settings.debug)\n",
				"db.py":             "import databases\n\n\nclass Database(databases.Database):\n    pass\n\n\ndatabase = Database(\"sqlite://\")\n",
				"core/config.py":    "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    debug: bool = False\n\n\nsettings = Settings()\n",
				"core/__init__.py":  "",
				"core/unrelated.py": appConfig,
			},
			want: Location{Path: "core/config.py", Module: "core.config", Class: "Settings", Line: 4},
			via:  "main.py → core/config.py sets settings = Settings(...)",
		},
		{
			name: "src layout: the package is imported without src",
			files: map[string]string{
				"src/shop/__init__.py":      "",
				"src/shop/main.py":          "from fastapi import FastAPI\n\nfrom shop.core.config import settings\n\napp = FastAPI()\n",
				"src/shop/core/__init__.py": "",
				"src/shop/core/config.py":   settingsPy + "\n\nsettings = Settings()\n",
				"src/shop/core/legacy.py":   appConfig,
			},
			want: Location{Path: "src/shop/core/config.py", Module: "shop.core.config", Class: "Settings", Line: 4},
			via:  "src/shop/main.py imports settings from shop.core.config",
		},
		{
			name: "import cycles end",
			files: map[string]string{
				"main.py":   "from fastapi import FastAPI\n\nimport a\n\napp = FastAPI()\n",
				"a.py":      "import b\n",
				"b.py":      "import a\nfrom c import conf\n",
				"c.py":      appConfig + "\n\nconf = AppConfig()\n",
				"config.py": settingsPy,
			},
			want: Location{Path: "c.py", Module: "c", Class: "AppConfig", Line: 4},
			via:  "main.py → a.py → b.py imports conf from c",
		},
		{
			name:  "a factory's object annotated with the base class: the annotation names it",
			files: backendTemplate,
			want:  Location{Path: "src/config/settings/base.py", Module: "src.config.settings.base", Class: "BackendBaseSettings", Line: 9},
			via:   "src/main.py imports settings from src.config.manager; its annotation names BackendBaseSettings",
			entry: "src.main",
		},
		{
			name: "a factory function annotated with the base class: the annotation names it",
			files: with(backendTemplate, map[string]string{
				"src/main.py": "from typing import Annotated\n\nimport fastapi\n\nfrom src.config.manager import BackendBaseSettings, get_settings\n\n" +
					"backend_app = fastapi.FastAPI()\n\n\n@backend_app.get(\"/\")\ndef index(settings: Annotated[BackendBaseSettings, fastapi.Depends(get_settings)]):\n    return settings.TITLE\n",
			}),
			want:  Location{Path: "src/config/settings/base.py", Module: "src.config.settings.base", Class: "BackendBaseSettings", Line: 9},
			via:   "src/main.py imports get_settings from src.config.manager; its annotation names BackendBaseSettings",
			entry: "src.main",
		},
		{
			name: "a string annotation naming a class imported for type checking only",
			files: with(backendTemplate, map[string]string{
				"src/config/manager.py": "from functools import lru_cache\nfrom typing import TYPE_CHECKING\n\nfrom src.config.settings.dev import BackendDevSettings\n" +
					"from src.config.settings.prod import BackendProdSettings\n\nif TYPE_CHECKING:\n    from src.config.settings import base\n\n\n" +
					"@lru_cache()\ndef get_settings():\n    return (BackendDevSettings, BackendProdSettings)[0]()\n\n\nsettings: \"base.BackendBaseSettings\" = get_settings()\n",
			}),
			want:  Location{Path: "src/config/settings/base.py", Module: "src.config.settings.base", Class: "BackendBaseSettings", Line: 9},
			via:   "src/main.py imports settings from src.config.manager; its annotation names base.BackendBaseSettings",
			entry: "src.main",
		},
		{
			name:  "the choice wins over the trail",
			files: fullStack,
			opts:  DiscoverOptions{Choice: "app/tests/conftest.py:TestSettings", Entrypoints: []string{"app.main:app"}},
			want:  Location{Path: "app/tests/conftest.py", Module: "app.tests.conftest", Class: "TestSettings", Line: 4},
			via:   "(--settings)",
		},
		{
			name: "no app: bin and tests classes are never candidates",
			files: map[string]string{
				"mypkg/config.py":      settingsPy,
				"bin/run.py":           settingsPy,
				"tests/test_config.py": "from mypkg.config import Settings\n\n\nclass TestSettings(Settings):\n    pass\n",
			},
			want: Location{Path: "mypkg/config.py", Module: "mypkg.config", Class: "Settings", Line: 4},
			via:  "mypkg/config.py (the only settings class in the project)",
		},
		{
			name: "an app that reaches no settings object falls back to the search",
			files: map[string]string{
				"main.py":              "from fastapi import FastAPI\n\napp = FastAPI()\n",
				"shop/conf.py":         settingsPy,
				"shop/tests/test_x.py": "from shop.conf import Settings\n\n\nclass TestSettings(Settings):\n    pass\n",
				"shop/conftest.py":     "from shop.conf import Settings\n\n\nclass LocalSettings(Settings):\n    pass\n",
				"shop/conf_test.py":    "from shop.conf import Settings\n\n\nclass OtherSettings(Settings):\n    pass\n",
			},
			want: Location{Path: "shop/conf.py", Module: "shop.conf", Class: "Settings", Line: 4},
			via:  "shop/conf.py (the only settings class in the project)",
		},
	}
}

// TestDiscoverWithObject checks the settings object that the trail hands
// to generated modules: the one the app uses, where it is defined, called
// when it is a function; none when it lives in the entry module itself
// (importing that would be a cycle) or when the class was found by search.
func TestDiscoverWithObject(t *testing.T) {
	want := map[string]*Object{
		"full-stack template from the usual app/main.py":                            {Module: "app.core.config", Accessor: Accessor{Name: "settings"}},
		"per-environment family through a factory: their common base":               {Module: "app.core.config", Accessor: Accessor{Name: "get_app_settings", Call: true}},
		"a factory's object annotated with the base class: the annotation names it": {Module: "src.config.manager", Accessor: Accessor{Name: "settings"}},
		"a factory function annotated with the base class: the annotation names it": {Module: "src.config.manager", Accessor: Accessor{Name: "get_settings", Call: true}},
		"lru_cache get_settings used with Depends, relative import":                 {Module: "app.config", Accessor: Accessor{Name: "get_settings", Call: true}},
		"gunicorn config beside the app's own config class":                         nil, // config = Config() in src/main.py, the entry
		"app found by its FastAPI() assignment":                                     {Module: "service.settings", Accessor: Accessor{Name: "settings"}},
		"an app that reaches no settings object falls back to the search":           nil,
	}
	for _, tt := range discoverCases() {
		w, ok := want[tt.name]
		if !ok {
			continue
		}
		delete(want, tt.name)
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := DiscoverWith(tree(t, tt.files), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w, got.Object); diff != "" {
				t.Errorf("Object (-want +got):\n%s", diff)
			}
		})
	}
	for name := range want {
		t.Errorf("no discover case %q", name)
	}
}

func TestDiscoverWith(t *testing.T) {
	for _, tt := range discoverCases() {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			got, f, err := DiscoverWith(root, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, *got, cmpopts.IgnoreFields(Location{}, "Via", "Object")); diff != "" {
				t.Errorf("DiscoverWith mismatch (-want +got):\n%s", diff)
			}
			if !strings.Contains(got.Via, tt.via) {
				t.Errorf("Via = %q, want it to contain %q", got.Via, tt.via)
			}
			if _, ok := f.Class(got.Class); !ok {
				t.Errorf("the returned module has no class %s", got.Class)
			}
		})
	}
}

func TestDiscoverWithErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  DiscoverOptions
		setup func(t *testing.T, root string)
		want  []string // substrings of the message
	}{
		{
			name: "objects of unrelated classes at the same distance",
			files: map[string]string{
				"main.py":     "from fastapi import FastAPI\n\nfrom a import settings\nfrom b import config\n\napp = FastAPI()\n",
				"a.py":        settingsPy + "\n\nsettings = Settings()\n",
				"b.py":        appConfig + "\n\nconfig = AppConfig()\n",
				"settings.py": settingsPy,
			},
			want: []string{"followed main.py", "a.py:4 (Settings)", "b.py:4 (AppConfig)", "no common settings base", "--settings PATH[:Class]"},
		},
		{
			name: "an empty settings.py and an app that reaches nothing",
			files: map[string]string{
				"settings.py":   "\n",
				"app/main.py":   "from fastapi import FastAPI\n\nfrom app.routes import router\n\napp = FastAPI()\n",
				"app/routes.py": "router = None\n",
			},
			want: []string{"no pydantic-settings class", "settings.py is empty",
				"followed app/main.py (the usual place of the app): its imports reach no settings object (looked at app/main.py, app/routes.py)"},
		},
		{
			name: "a family without a common settings base",
			files: map[string]string{
				"main.py": "from fastapi import FastAPI\n\nfrom conf import settings\n\napp = FastAPI()\n",
				"conf.py": "import os\n\nfrom pydantic_settings import BaseSettings\n\n\nclass A(BaseSettings):\n    pass\n\n\nclass B(BaseSettings):\n    pass\n\n\n" +
					"settings = {\"a\": A, \"b\": B}[os.environ[\"ENV\"]]()\n",
			},
			want: []string{"conf.py:6 (A)", "conf.py:10 (B)", "no common settings base"},
		},
		{
			name: "a factory's object without an annotation: the subclasses are listed",
			files: with(backendTemplate, map[string]string{
				"src/config/manager.py": strings.NewReplacer("def get_settings() -> BackendBaseSettings:", "def get_settings():",
					"settings: BackendBaseSettings = get_settings()", "settings = get_settings()").Replace(backendTemplate["src/config/manager.py"]),
			}),
			want: []string{"found 3 settings classes", "src/config/settings/dev.py:5 (BackendDevSettings)", "src/config/settings/prod.py:5 (BackendProdSettings)",
				"src/config/settings/stage.py:5 (BackendStageSettings)", "its imports reach no settings object"},
		},
		{
			name: "an annotation that names no settings class is passed over",
			files: with(backendTemplate, map[string]string{
				"src/config/manager.py": strings.NewReplacer("def get_settings() -> BackendBaseSettings:", "def get_settings() -> Any:",
					"settings: BackendBaseSettings = get_settings()", "settings: Environment = get_settings()").Replace(backendTemplate["src/config/manager.py"]),
			}),
			want: []string{"found 3 settings classes", "its imports reach no settings object"},
		},
		{
			name:  "a missing entrypoint is named",
			files: map[string]string{"models.py": "class User:\n    pass\n"},
			opts:  DiscoverOptions{Entrypoints: []string{"web.app:create_app"}},
			want:  []string{"entrypoint web.app:create_app names no module in the project"},
		},
		{
			name:  "a directory named settings.py",
			files: map[string]string{"settings.py/readme.txt": "x\n"},
			want:  []string{"settings.py is a directory"},
		},
		{
			name:  "a settings.py linked out of the project",
			files: map[string]string{"main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n"},
			setup: func(t *testing.T, root string) {
				outside := tree(t, map[string]string{"settings.py": settingsPy})
				if err := os.Symlink(filepath.Join(outside, "settings.py"), filepath.Join(root, "settings.py")); err != nil {
					t.Skipf("no symbolic links here: %v", err)
				}
			},
			want: []string{"settings.py is a symbolic link to ", "outside the project", "followed main.py"},
		},
		{
			name: "ambiguous in the fallback lists the trail",
			files: map[string]string{
				"main.py":  "from fastapi import FastAPI\n\napp = FastAPI()\n",
				"a/one.py": settingsPy,
				"b/two.py": settingsPy,
			},
			want: []string{"a/one.py:4 (Settings)", "b/two.py:4 (Settings)", "followed main.py"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			if tt.setup != nil {
				tt.setup(t, root)
			}
			got, _, err := DiscoverWith(root, tt.opts)
			if err == nil {
				t.Fatalf("DiscoverWith = %+v, want an error", got)
			}
			var re *rewrite.Error
			if !errors.As(err, &re) || !errors.Is(err, rewrite.ErrRefused) {
				t.Errorf("error %v is not a refusal (*rewrite.Error of kind ErrRefused)", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestEnvFiles(t *testing.T) {
	tests := []struct {
		name       string
		body       string // the class body after `class S(BaseSettings):`
		want       []string
		unresolved bool
	}{
		{name: "one file", body: `model_config = SettingsConfigDict(env_file=".env")`, want: []string{".env"}},
		{name: "parent directory", body: `model_config = SettingsConfigDict(env_file="../.env", extra="ignore")`, want: []string{"../.env"}},
		{name: "tuple", body: `model_config = SettingsConfigDict(env_file=("../.env", ".env.prod"))`, want: []string{"../.env", ".env.prod"}},
		{name: "list", body: `model_config = SettingsConfigDict(env_file=[".env", '.env.local'])`, want: []string{".env", ".env.local"}},
		{name: "dict literal", body: `model_config = {"env_file": ".env"}`, want: []string{".env"}},
		{name: "pydantic v1 inner Config", body: "class Config:\n        env_file = \"../.env\"", want: []string{"../.env"}},
		{name: "raw string", body: `model_config = SettingsConfigDict(env_file=r"conf\.env")`, want: []string{`conf\.env`}},
		{name: "escapes", body: `model_config = SettingsConfigDict(env_file="\x2eenv")`, want: []string{".env"}},
		{name: "None", body: `model_config = SettingsConfigDict(env_file=None)`},
		{name: "unset", body: `x: int = 1`},
		{name: "a path expression", body: `model_config = SettingsConfigDict(env_file=BASE_DIR / ".env")`, unresolved: true},
		{name: "os.getenv", body: `model_config = SettingsConfigDict(env_file=os.getenv("ENV_FILE", ".env"))`, unresolved: true},
		{name: "an f-string", body: `model_config = SettingsConfigDict(env_file=f".env.{ENV}")`, unresolved: true},
		{name: "a tuple with an expression", body: `model_config = SettingsConfigDict(env_file=(".env", ROOT / ".env"))`, want: []string{".env"}, unresolved: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "from pydantic_settings import BaseSettings\n\n\nclass S(BaseSettings):\n    " + tt.body + "\n"
			f, err := Parse("settings.py", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			c, _ := f.Class("S")
			if diff := cmp.Diff(tt.want, c.Config.EnvFiles); diff != "" {
				t.Errorf("EnvFiles mismatch (-want +got):\n%s", diff)
			}
			if c.Config.EnvFileUnresolved != tt.unresolved {
				t.Errorf("EnvFileUnresolved = %v, want %v", c.Config.EnvFileUnresolved, tt.unresolved)
			}
		})
	}
}

// TestEnvFilesInherited reads env_file from a base class in the same
// file, unless the class sets its own, and from the discovered template.
func TestEnvFilesInherited(t *testing.T) {
	src := "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\n" +
		"class Base(BaseSettings):\n    model_config = SettingsConfigDict(env_file=\".env\", env_prefix=\"APP_\")\n\n\n" +
		"class Settings(Base):\n    x: int = 1\n\n\n" +
		"class Own(Base):\n    model_config = SettingsConfigDict(env_file=(\".env\", \".env.prod\"))\n"
	f, err := Parse("settings.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for class, want := range map[string][]string{"Settings": {".env"}, "Own": {".env", ".env.prod"}} {
		c, _ := f.Class(class)
		if diff := cmp.Diff(want, c.Config.EnvFiles); diff != "" {
			t.Errorf("%s EnvFiles mismatch (-want +got):\n%s", class, diff)
		}
	}
	_, mod, err := DiscoverWith(tree(t, fullStack), DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := mod.Class("Settings")
	if diff := cmp.Diff([]string{"../.env"}, c.Config.EnvFiles); diff != "" {
		t.Errorf("full-stack template EnvFiles mismatch (-want +got):\n%s", diff)
	}
}

// TestDiscoverWithFactoryApp finds the app module by a module-level call
// of its own factory, `app = create_app()`, outside the usual places.
func TestDiscoverWithFactoryApp(t *testing.T) {
	root := tree(t, map[string]string{
		"svc/web.py": "from fastapi import FastAPI\n\nfrom svc.conf import settings\n\n\n" +
			"def create_app() -> FastAPI:\n    application = FastAPI(debug=settings.debug)\n    return application\n\n\napp = create_app()\n",
		"svc/conf.py":  appConfig + "\n\nsettings = AppConfig()\n",
		"svc/other.py": settingsPy,
	})
	got, _, err := DiscoverWith(root, DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Path != "svc/conf.py" || got.Class != "AppConfig" || !strings.Contains(got.Via, "svc/web.py imports settings from svc.conf") {
		t.Errorf("DiscoverWith = %+v, want svc/conf.py:AppConfig through svc/web.py", got)
	}
}

// TestDiscoverWithSyntaxError reports the target module's syntax error:
// the trail reached it, so it is the file paxx would edit.
func TestDiscoverWithSyntaxError(t *testing.T) {
	root := tree(t, map[string]string{
		"main.py":   "from fastapi import FastAPI\n\nfrom conf import settings\n\napp = FastAPI()\n",
		"conf.py":   "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    x: int = (1\n    y: int = 2\n\n\nsettings = Settings()\n",
		"config.py": appConfig,
	})
	_, _, err := DiscoverWith(root, DiscoverOptions{})
	if !errors.Is(err, rewrite.ErrSyntax) || !strings.Contains(err.Error(), "conf.py:6:5:") {
		t.Errorf("DiscoverWith error = %v, want the syntax error at conf.py:6:5", err)
	}
}
