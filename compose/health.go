package compose

import "gopkg.in/yaml.v3"

// HasHealthcheck reports whether the service declares a healthcheck that is
// not disabled, so that depending on it with condition service_healthy can
// ever succeed. (An image may carry a HEALTHCHECK of its own; paxx cannot
// see that and stays on the safe side.)
func (f *File) HasHealthcheck(service string) bool {
	body := f.body(service)
	if body == nil {
		return false
	}
	_, hc, _ := get(body, "healthcheck")
	if hc == nil || hc.Kind != yaml.MappingNode {
		return false
	}
	if _, disable, _ := get(hc, "disable"); disable != nil && disable.Value == "true" {
		return false
	}
	if _, test, _ := get(hc, "test"); test != nil && test.Kind == yaml.SequenceNode && len(test.Content) > 0 && test.Content[0].Value == "NONE" {
		return false
	}
	return true
}
