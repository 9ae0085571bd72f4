#!/usr/bin/env python3
"""Offline checks of deploy/k8s (the Strimzi Kafka, KafkaTopics and CloudNativePG examples).

  - kafka-topics.yaml is what generate_topics.py makes from schemas/events/topics.json today
    (and a changed topics.json would make the check fail: tried on a copy);
  - every object validates against the Strimzi / CloudNativePG CRD schemas shipped in the npm
    packages (validate.mjs); broken copies must not;
  - the examples and the chart's defaults agree: the Kafka cluster name and listener port, the
    topics' cluster label, the dead-letter topic, the CloudNativePG cluster and its app Secret.

Usage: check_k8s_examples.py --work-dir DIR
"""
import copy
import json
import sys
from pathlib import Path

import yaml

from deploylib import CHART, ROOT, Failures, load_yaml_docs, require_tool, run, parse_args

HERE = Path(__file__).resolve().parent
K8S = ROOT / "deploy/k8s"


def main():
    args = parse_args(__doc__)
    work = args.work_dir
    node = require_tool("node")
    f = Failures()
    gen = K8S / "generate_topics.py"

    r = run([sys.executable, gen, "--check"])
    print(r.stdout.strip())
    f.check(r.returncode == 0, f"kafka-topics.yaml is stale: {r.stdout}{r.stderr}")
    # The staleness check must bite: a topic added to a copy of topics.json.
    topics = json.loads((ROOT / "schemas/events/topics.json").read_text())
    topics["topics"]["samverkan.example"] = {"key": "x", "types": []}
    (work / "topics.json").write_text(json.dumps(topics))
    r = run([sys.executable, gen, "--check", "--topics", work / "topics.json"])
    f.check(r.returncode != 0, "generate_topics.py --check passes although topics.json gained a topic")

    files = sorted(K8S.glob("*.yaml"))
    v = run([node, HERE / "validate.mjs", *files], cwd=HERE)
    print(v.stdout.strip())
    f.check(v.returncode == 0, f"deploy/k8s objects fail their CRD schemas: {v.stderr.strip()}")

    docs = [d for path in files for d in load_yaml_docs(path.read_text())]
    kinds = {}
    for d in docs:
        kinds.setdefault(d["kind"], []).append(d)
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    kafka = kinds.get("Kafka", [None])[0]
    pg = kinds.get("Cluster", [None])[0]
    if f.check(kafka is not None, "no Strimzi Kafka example"):
        name = kafka["metadata"]["name"]
        f.check(values["kafka"]["brokers"].split(":")[0] == f"{name}-kafka-bootstrap",
                f"chart kafka.brokers {values['kafka']['brokers']} is not {name}-kafka-bootstrap")
        ports = [lst["port"] for lst in kafka["spec"]["kafka"]["listeners"]]
        f.check(int(values["kafka"]["brokers"].split(":")[1]) in ports, "chart kafka.brokers port is no listener's port")
        f.check(set(ports) <= set(values["networkPolicy"]["kafka"]["ports"]), "a Kafka listener port is not in networkPolicy.kafka.ports")
        f.check(str(kafka["spec"]["kafka"].get("config", {}).get("auto.create.topics.enable")).lower() == "false",
                "the Kafka example lets clients auto-create topics")
        ann = kafka["metadata"].get("annotations", {})
        zk = "zookeeper" in kafka["spec"]
        f.check(zk or (ann.get("strimzi.io/kraft") == "enabled" and ann.get("strimzi.io/node-pools") == "enabled"
                       and kinds.get("KafkaNodePool")), "Kafka has no ZooKeeper and is not a KRaft cluster with node pools")
        for pool in kinds.get("KafkaNodePool", []):
            f.check(pool["metadata"]["labels"].get("strimzi.io/cluster") == name, "KafkaNodePool is not labelled for the cluster")
        selector = values["networkPolicy"]["kafka"]["to"][0].get("podSelector", {}).get("matchLabels", {})
        f.check(selector.get("strimzi.io/cluster") == name, "networkPolicy.kafka does not select the example's broker pods")
        catalogue = set(json.loads((ROOT / "schemas/events/topics.json").read_text())["topics"])
        declared = {t["spec"].get("topicName", t["metadata"]["name"]) for t in kinds.get("KafkaTopic", [])}
        f.check(declared == catalogue, f"KafkaTopics {sorted(declared)} differ from topics.json {sorted(catalogue)}")
        f.check(values["kafka"]["deadletterTopic"] in declared, "the chart's dead-letter topic is not declared")
        for t in kinds.get("KafkaTopic", []):
            f.check(t["metadata"]["labels"].get("strimzi.io/cluster") == name, f"KafkaTopic {t['metadata']['name']} is not labelled for {name}")
    if f.check(pg is not None, "no CloudNativePG Cluster example"):
        name = pg["metadata"]["name"]
        f.check(values["database"]["existingSecret"] == f"{name}-app" and values["database"]["key"] == "uri",
                f"chart database secret is not CloudNativePG's {name}-app / uri")
        selector = values["networkPolicy"]["postgres"]["to"][0].get("podSelector", {}).get("matchLabels", {})
        f.check(selector.get("cnpg.io/cluster") == name, "networkPolicy.postgres does not select the example's pods")

    # Broken copies must fail the CRD schemas.
    broken = []
    if kinds.get("KafkaTopic"):
        t = copy.deepcopy(kinds["KafkaTopic"][0]); t["spec"]["partitions"] = "six"; broken.append(("KafkaTopic partitions: six", t))
    if kafka:
        k = copy.deepcopy(kafka); k["spec"]["kafka"]["listeners"] = []; broken.append(("Kafka without listeners", k))
    if pg:
        c = copy.deepcopy(pg); c["spec"]["instances"] = "three"; broken.append(("Cluster instances: three", c))
    for label, obj in broken:
        path = work / "broken.yaml"
        path.write_text(yaml.safe_dump(obj))
        v = run([node, HERE / "validate.mjs", path], cwd=HERE)
        if f.check(v.returncode != 0, f"validate.mjs accepted {label}"):
            print(f"validate.mjs rejects {label}")
    return f.finish("deploy/k8s examples")


if __name__ == "__main__":
    sys.exit(main())
