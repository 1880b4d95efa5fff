package components

import (
	_ "embed"

	"github.com/paxx-dev/paxx/python"
)

var (
	//go:embed templates/tasks/tasks.py.tmpl
	tasksTemplate string
	//go:embed templates/tasks/queue.py.tmpl
	queueTemplate string
)

// tasks is background jobs with arq, on the project's Redis.
func tasks() *Component {
	return &Component{
		Name:     "tasks",
		Summary:  "Background jobs with arq and a worker service (core/tasks.py, core/queue.py)",
		Requires: []string{"redis"},
		Section:  "Background tasks",
		Fields: []python.NewField{
			{Name: "arq_redis_url", Type: "str", Default: "redis://localhost:6379/1"},
			{Name: "arq_max_jobs", Type: "int", Default: 10},
			{Name: "arq_job_timeout", Type: "int", Default: 300},
		},
		Worker: &Worker{
			Name:    "worker",
			Command: "arq {{core}}.tasks.WorkerSettings",
			Uses:    "redis",
			Env:     []string{"redis_url"},
			AppEnv:  []AppEnv{{Field: "arq_redis_url", Value: "redis://{{service}}:6379/1"}},
		},
		Dependencies: []string{"arq>=0.26"},
		Modules: []Module{
			{Name: "tasks.py", Template: tasksTemplate},
			{Name: "queue.py", Template: queueTemplate, Exports: []string{"enqueue"}},
		},
	}
}
