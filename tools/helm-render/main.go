// helm-render renders a Helm chart offline, the way `helm template` does, for the checks in
// tests/deploy. Debian ships no helm binary, so this small tool stands in for the part of it the
// tests need, built only from Debian packages (GOPATH mode, GO111MODULE=off):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o helm-render ./tools/helm-render
//	helm-render [-f values.yaml]... [--release NAME] [--namespace NS] [--notes] CHART_DIR
//
// What it does, in helm's order:
//  1. reads CHART_DIR/Chart.yaml and CHART_DIR/values.yaml, then deep-merges each -f file over
//     them (maps merge, everything else replaces, an explicit null deletes a key), with numbers
//     decoded as float64 like helm's YAML-to-JSON decoding;
//  2. validates the merged values against CHART_DIR/values.schema.json (JSON Schema, via
//     gojsonschema) and stops with every violation listed;
//  3. parses every file under templates/ with text/template, sprig's functions and the helm
//     functions the chart uses (include, tpl, required, toYaml, fromYaml, toJson), then executes
//     each non-partial template (names not starting with "_") with .Values, .Release, .Chart,
//     .Capabilities and .Template;
//  4. prints each non-empty result as a YAML document headed "# Source: CHART/templates/FILE",
//     after checking that it parses as YAML. NOTES.txt is always executed (so its errors count)
//     but printed only with --notes.
//
// It is not helm: no dependencies/subcharts, no --set, no lookup, no hooks ordering, no
// Capabilities beyond a fixed Kubernetes version and API list. Anything the chart uses beyond
// this subset fails loudly (an unknown function is a parse error), so the tool cannot quietly
// render something helm would not.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"github.com/xeipuuv/gojsonschema"
	"gopkg.in/yaml.v3"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

// apiVersions answers .Capabilities.APIVersions.Has like helm does for a cluster that serves
// the built-in APIs the chart uses and the prometheus-operator CRDs.
type apiVersions []string

func (a apiVersions) Has(v string) bool {
	for _, x := range a {
		if x == v {
			return true
		}
	}
	return false
}

func main() {
	var files valueFiles
	release := flag.String("release", "samverkan", "release name (.Release.Name)")
	namespace := flag.String("namespace", "samverkan", "release namespace (.Release.Namespace)")
	notes := flag.Bool("notes", false, "also print the rendered NOTES.txt")
	flag.Var(&files, "f", "values file to merge over the chart's values.yaml (repeatable)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: helm-render [-f values.yaml]... [--release NAME] [--namespace NS] [--notes] CHART_DIR")
		os.Exit(2)
	}
	out, err := render(flag.Arg(0), files, *release, *namespace, *notes)
	if err != nil {
		fmt.Fprintln(os.Stderr, "helm-render:", err)
		os.Exit(1)
	}
	os.Stdout.WriteString(out)
}

// readYAML decodes one YAML document into plain maps, slices and scalars, numbers as float64.
func readYAML(path string) (map[string]interface{}, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc interface{}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if doc == nil {
		return map[string]interface{}{}, nil
	}
	m, ok := normalise(doc).(map[string]interface{})
	if !ok {
		return nil, fmt.Errorf("%s: top level is not a mapping", path)
	}
	return m, nil
}

// normalise turns yaml.v3 output into what helm's YAML-to-JSON decoding gives: string-keyed maps
// and float64 numbers.
func normalise(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, x := range t {
			t[k] = normalise(x)
		}
		return t
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, x := range t {
			m[fmt.Sprint(k)] = normalise(x)
		}
		return m
	case []interface{}:
		for i, x := range t {
			t[i] = normalise(x)
		}
		return t
	case int:
		return float64(t)
	case int64:
		return float64(t)
	case uint64:
		return float64(t)
	default:
		return v
	}
}

// merge deep-merges override into base: maps merge key by key, other values replace, and an
// explicit null removes the key (helm's coalescing rules for user values over chart defaults).
func merge(base, override map[string]interface{}) map[string]interface{} {
	for k, ov := range override {
		if ov == nil {
			delete(base, k)
			continue
		}
		bm, baseIsMap := base[k].(map[string]interface{})
		om, overIsMap := ov.(map[string]interface{})
		if baseIsMap && overIsMap {
			base[k] = merge(bm, om)
		} else {
			base[k] = ov
		}
	}
	return base
}

func validateValues(chartDir string, values map[string]interface{}) error {
	schemaPath := filepath.Join(chartDir, "values.schema.json")
	schema, err := os.ReadFile(schemaPath)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	result, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewGoLoader(values))
	if err != nil {
		return fmt.Errorf("values.schema.json: %w", err)
	}
	if result.Valid() {
		return nil
	}
	var msgs []string
	for _, e := range result.Errors() {
		msgs = append(msgs, "- "+e.String())
	}
	sort.Strings(msgs)
	return fmt.Errorf("values don't meet the specifications of the schema:\n%s", strings.Join(msgs, "\n"))
}

func toYAML(v interface{}) (string, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

func render(chartDir string, files []string, releaseName, namespace string, withNotes bool) (string, error) {
	chart, err := readYAML(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return "", err
	}
	if chart["apiVersion"] != "v2" {
		return "", fmt.Errorf("Chart.yaml: apiVersion must be v2, got %v", chart["apiVersion"])
	}
	chartName, _ := chart["name"].(string)
	if chartName == "" {
		return "", fmt.Errorf("Chart.yaml: name is required")
	}
	values, err := readYAML(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return "", err
	}
	for _, f := range files {
		override, err := readYAML(f)
		if err != nil {
			return "", err
		}
		values = merge(values, override)
	}
	if err := validateValues(chartDir, values); err != nil {
		return "", err
	}

	chartObj := map[string]interface{}{
		"Name": chartName, "Version": chart["version"], "AppVersion": chart["appVersion"],
		"Description": chart["description"], "Type": chart["type"],
	}
	releaseObj := map[string]interface{}{
		"Name": releaseName, "Namespace": namespace, "Service": "Helm",
		"IsInstall": true, "IsUpgrade": false, "Revision": 1,
	}
	capabilities := map[string]interface{}{
		"KubeVersion": map[string]interface{}{"Version": "v1.29.0", "Major": "1", "Minor": "29"},
		"APIVersions": apiVersions{"v1", "apps/v1", "batch/v1", "policy/v1", "autoscaling/v2",
			"networking.k8s.io/v1", "monitoring.coreos.com/v1"},
	}

	root := template.New(chartName)
	funcs := sprig.TxtFuncMap()
	// helm removes these two from sprig for safety; do the same so the chart can't depend on them.
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	funcs["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil {
			return nil, errors.New(msg)
		}
		if s, ok := v.(string); ok && s == "" {
			return nil, errors.New(msg)
		}
		return v, nil
	}
	funcs["toYaml"] = func(v interface{}) string {
		s, err := toYAML(v)
		if err != nil {
			return "" // helm's toYaml swallows errors the same way
		}
		return s
	}
	funcs["fromYaml"] = func(s string) map[string]interface{} {
		var doc interface{}
		if err := yaml.Unmarshal([]byte(s), &doc); err != nil {
			return map[string]interface{}{"Error": err.Error()}
		}
		m, _ := normalise(doc).(map[string]interface{})
		if m == nil {
			m = map[string]interface{}{}
		}
		return m
	}
	root.Funcs(funcs).Option("missingkey=zero")

	templatesDir := filepath.Join(chartDir, "templates")
	entries, err := os.ReadDir(templatesDir)
	if err != nil {
		return "", err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		if !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".tpl") && name != "NOTES.txt" {
			continue
		}
		text, err := os.ReadFile(filepath.Join(templatesDir, name))
		if err != nil {
			return "", err
		}
		full := chartName + "/templates/" + name
		if _, err := root.New(full).Parse(string(text)); err != nil {
			return "", err
		}
		names = append(names, name)
	}
	sort.Strings(names)

	var out strings.Builder
	notes := ""
	for _, name := range names {
		if strings.HasPrefix(name, "_") {
			continue
		}
		full := chartName + "/templates/" + name
		data := map[string]interface{}{
			"Values": values, "Release": releaseObj, "Chart": chartObj, "Capabilities": capabilities,
			"Template": map[string]interface{}{"Name": full, "BasePath": chartName + "/templates"},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, full, data); err != nil {
			return "", err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if name == "NOTES.txt" {
			notes = text
			continue
		}
		for i, doc := range splitDocuments(text) {
			var parsed interface{}
			if err := yaml.Unmarshal([]byte(doc), &parsed); err != nil {
				return "", fmt.Errorf("%s: document %d is not valid YAML: %w\n%s", full, i+1, err, doc)
			}
			if parsed == nil {
				continue
			}
			fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", full, strings.TrimRight(strings.TrimLeft(doc, "\n"), "\n "))
		}
	}
	if withNotes && notes != "" {
		fmt.Fprintf(&out, "---\n# Source: %s/templates/NOTES.txt (not a manifest)\n# %s\n",
			chartName, strings.ReplaceAll(strings.TrimSpace(notes), "\n", "\n# "))
	}
	return out.String(), nil
}

// splitDocuments splits rendered text at lines that are exactly "---".
func splitDocuments(text string) []string {
	var docs []string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimRight(line, " ") == "---" {
			docs = append(docs, strings.Join(cur, "\n"))
			cur = nil
			continue
		}
		cur = append(cur, line)
	}
	docs = append(docs, strings.Join(cur, "\n"))
	var nonEmpty []string
	for _, d := range docs {
		if strings.TrimSpace(d) != "" {
			nonEmpty = append(nonEmpty, d)
		}
	}
	return nonEmpty
}
