package components

import (
	_ "embed"

	"github.com/paxx-dev/paxx/python"
)

//go:embed templates/storage/storage.py.tmpl
var storageTemplate string

// storage is object storage on local disk or S3, with MinIO in compose.
func storage() *Component {
	return &Component{
		Name:    "storage",
		Summary: "Object storage: local files or S3-compatible, MinIO in compose (core/storage.py)",
		Section: "Storage",
		Fields: []python.NewField{
			{Name: "storage_backend", Type: `Literal["local", "s3"]`, Default: "local"},
			{Name: "storage_local_path", Type: "str", Default: "./uploads"},
			{Name: "storage_s3_bucket", Type: "str", Default: ""},
			{Name: "storage_s3_region", Type: "str", Default: "us-east-1"},
			{Name: "storage_s3_endpoint_url", Type: "str | None", Default: nil},
			{Name: "storage_s3_access_key", Type: "str | None", Default: nil},
			{Name: "storage_s3_secret_key", Type: "SecretStr | None", Default: nil},
		},
		Service: &Service{
			Name:  "minio",
			Image: "minio/minio:RELEASE.2024-10-13T13-34-11Z",
			Body: `image: minio/minio:RELEASE.2024-10-13T13-34-11Z
command: server /data --console-address ":9001"
ports:
  - "9000:9000"
  - "9001:9001"
environment:
  MINIO_ROOT_USER: minioadmin
  MINIO_ROOT_PASSWORD: minioadmin
volumes:
  - minio_data:/data
healthcheck:
  test: ["CMD", "mc", "ready", "local"]
  interval: 5s
  timeout: 3s
  retries: 5
`,
			Volumes: []string{"minio_data"},
			Images:  []string{"minio/minio", "bitnami/minio", "quay.io/minio/minio"},
			AppEnv:  []AppEnv{{Field: "storage_s3_endpoint_url", Value: "http://{{service}}:9000"}},
			Healthy: true,
		},
		Dependencies: []string{"aioboto3>=13.0", "aiofiles>=24.0", "python-multipart>=0.0.9"},
		Modules:      []Module{{Name: "storage.py", Template: storageTemplate, Exports: []string{"get_storage"}}},
	}
}
