namespace Deploy.Tests;

/// <summary>
/// The rules a set of Kubernetes objects must keep, each returning the problems it finds (empty when it holds), so
/// the same rule runs on the files as written and on kustomize's rendering.
/// </summary>
public static class Rules
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet"];

    public static IEnumerable<K8sObject> Workloads(IEnumerable<K8sObject> objects) => objects.Where(o => WorkloadKinds.Contains(o.Kind));
    public static IEnumerable<K8sObject> OfKind(IEnumerable<K8sObject> objects, string kind) => objects.Where(o => o.Kind == kind);

    /// <summary>Our Deployments: those running an image we build.</summary>
    public static IEnumerable<K8sObject> PlatformDeployments(IEnumerable<K8sObject> objects) =>
        OfKind(objects, "Deployment").Where(d => d.Containers.Any(c => Yaml.Str(c, "image")?.StartsWith(Repo.ImagePrefix) == true));

    /// <summary>Every container of every workload has liveness and readiness probes and CPU and memory requests and limits.</summary>
    public static IEnumerable<string> ProbesAndResources(IEnumerable<K8sObject> objects)
    {
        foreach (var w in Workloads(objects))
        {
            if (!w.Containers.Any()) yield return $"{w}: no containers";
            foreach (var c in w.Containers)
            {
                var where = $"{w} container '{Yaml.Str(c, "name")}'";
                foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
                    if (Yaml.Map(c, probe) is not { Count: > 0 }) yield return $"{where}: no {probe}";
                foreach (var bound in new[] { "requests", "limits" })
                    foreach (var resource in new[] { "cpu", "memory" })
                        if (Yaml.Get(c, "resources", bound, resource) is null) yield return $"{where}: no resources.{bound}.{resource}";
            }
        }
    }

    /// <summary>
    /// Our Deployments are exactly the platform's apps, each with the Dapr annotations (its app id, and the app port
    /// its own container listens on) and probes on the health endpoints.
    /// </summary>
    public static IEnumerable<string> DaprAndHealth(IEnumerable<K8sObject> objects)
    {
        var ours = PlatformDeployments(objects).ToList();
        var names = ours.Select(d => d.Name).ToHashSet();
        foreach (var missing in Repo.Apps.Keys.Where(a => !names.Contains(a))) yield return $"no Deployment named '{missing}' runs {Repo.ImagePrefix}{missing}";
        foreach (var d in ours)
        {
            if (!Repo.Apps.ContainsKey(d.Name)) yield return $"{d}: not one of the platform's apps ({string.Join(", ", Repo.Apps.Keys)})";
            var a = d.PodAnnotations;
            if (Yaml.Str(a, "dapr.io/enabled") != "true") yield return $"{d}: dapr.io/enabled is not \"true\"";
            if (Yaml.Str(a, "dapr.io/app-id") != d.Name) yield return $"{d}: dapr.io/app-id is '{Yaml.Str(a, "dapr.io/app-id")}', not '{d.Name}'";
            var app = d.Containers.FirstOrDefault(c => Yaml.Str(c, "name") == d.Name);
            if (app is null) { yield return $"{d}: no container named '{d.Name}'"; continue; }
            if (Yaml.Str(app, "image") != Repo.ImagePrefix + d.Name) yield return $"{d}: image is '{Yaml.Str(app, "image")}', not '{Repo.ImagePrefix}{d.Name}'";
            var ports = Yaml.Seq(app, "ports").Select(p => Yaml.Str(p, "containerPort")).ToList();
            var appPort = Yaml.Str(a, "dapr.io/app-port");
            if (appPort is null || !ports.Contains(appPort)) yield return $"{d}: dapr.io/app-port '{appPort}' is not a containerPort of '{d.Name}' ({string.Join(", ", ports)})";
            if (Yaml.Str(app, "livenessProbe", "httpGet", "path") != "/health/live") yield return $"{d}: the liveness probe does not get /health/live";
            if (Yaml.Str(app, "readinessProbe", "httpGet", "path") != "/health/ready") yield return $"{d}: the readiness probe does not get /health/ready";
        }
    }

    /// <summary>Every Service selects the pods of a Deployment or StatefulSet, on ports those pods declare.</summary>
    public static IEnumerable<string> ServicesSelectWorkloads(IEnumerable<K8sObject> objects)
    {
        var workloads = Workloads(objects).ToList();
        foreach (var s in OfKind(objects, "Service"))
        {
            var selector = Yaml.Map(s.Doc, "spec", "selector");
            if (selector is not { Count: > 0 }) { yield return $"{s}: no selector"; continue; }
            var selected = workloads.Where(w => selector.All(kv => w.PodLabels.TryGetValue(kv.Key, out var v) && Equals(v, kv.Value))).ToList();
            if (selected.Count == 0) { yield return $"{s}: selector {Show(selector)} matches no Deployment's or StatefulSet's pod labels"; continue; }
            var containerPorts = selected.SelectMany(w => w.Containers).SelectMany(c => Yaml.Seq(c, "ports")).ToList();
            foreach (var port in Yaml.Seq(s.Doc, "spec", "ports"))
            {
                var target = Yaml.Str(port, "targetPort") ?? Yaml.Str(port, "port");
                if (!containerPorts.Any(p => Yaml.Str(p, "name") == target || Yaml.Str(p, "containerPort") == target))
                    yield return $"{s}: targetPort '{target}' is no port of the selected pods";
            }
        }
    }

    /// <summary>The gateway, Surveys and Reporting scale on CPU; every autoscaler targets an existing Deployment whose containers request CPU.</summary>
    public static IEnumerable<string> Autoscalers(IEnumerable<K8sObject> objects)
    {
        var deployments = OfKind(objects, "Deployment").ToDictionary(d => d.Name);
        var hpas = OfKind(objects, "HorizontalPodAutoscaler").ToList();
        foreach (var required in new[] { "gateway", "surveys", "reporting" })
            if (!hpas.Any(h => Yaml.Str(h.Doc, "spec", "scaleTargetRef", "name") == required)) yield return $"no HorizontalPodAutoscaler targets '{required}'";
        foreach (var h in hpas)
        {
            if (Yaml.Str(h.Doc, "apiVersion") != "autoscaling/v2") yield return $"{h}: apiVersion is not autoscaling/v2";
            var kind = Yaml.Str(h.Doc, "spec", "scaleTargetRef", "kind");
            var name = Yaml.Str(h.Doc, "spec", "scaleTargetRef", "name") ?? "";
            if (kind != "Deployment" || !deployments.TryGetValue(name, out var target)) { yield return $"{h}: targets {kind}/{name}, which does not exist"; continue; }
            if (!Yaml.Seq(h.Doc, "spec", "metrics").Any(m => Yaml.Str(m, "resource", "name") == "cpu")) yield return $"{h}: no CPU metric";
            if (target.Containers.Any(c => Yaml.Get(c, "resources", "requests", "cpu") is null)) yield return $"{h}: a container of {target} requests no CPU, so utilization cannot be computed";
            if (Yaml.Get(target.Doc, "spec", "replicas") is not null) yield return $"{h}: {target} sets spec.replicas, which fights the autoscaler";
        }
    }

    /// <summary>Every ConfigMap, Secret, ServiceAccount and Service that a rendered object refers to exists (rendering only: base leaves Secrets to overlays).</summary>
    public static IEnumerable<string> References(IReadOnlyList<K8sObject> objects)
    {
        bool Exists(string kind, string? name) => objects.Any(o => o.Kind == kind && o.Name == name);
        foreach (var w in Workloads(objects))
        {
            var spec = Yaml.Map(w.PodTemplate, "spec");
            if (Yaml.Str(spec, "serviceAccountName") is { } sa && !Exists("ServiceAccount", sa)) yield return $"{w}: ServiceAccount '{sa}' does not exist";
            foreach (var v in Yaml.Seq(spec, "volumes"))
            {
                if (Yaml.Str(v, "configMap", "name") is { } cm && !Exists("ConfigMap", cm)) yield return $"{w}: volume ConfigMap '{cm}' does not exist";
                if (Yaml.Str(v, "secret", "secretName") is { } sec && !Exists("Secret", sec)) yield return $"{w}: volume Secret '{sec}' does not exist";
            }
            foreach (var c in w.Containers)
            {
                foreach (var e in Yaml.Seq(c, "envFrom"))
                {
                    if (Yaml.Str(e, "configMapRef", "name") is { } cm && !Exists("ConfigMap", cm)) yield return $"{w}: envFrom ConfigMap '{cm}' does not exist";
                    if (Yaml.Str(e, "secretRef", "name") is { } sec && !Exists("Secret", sec)) yield return $"{w}: envFrom Secret '{sec}' does not exist";
                }
                foreach (var e in Yaml.Seq(c, "env"))
                {
                    if (Yaml.Map(e, "valueFrom", "secretKeyRef") is not { } r) continue;
                    var secret = objects.FirstOrDefault(o => o.Kind == "Secret" && o.Name == Yaml.Str(r, "name"));
                    if (secret is null) yield return $"{w}: secretKeyRef Secret '{Yaml.Str(r, "name")}' does not exist";
                    else if (Yaml.Get(secret.Doc, "data", Yaml.Str(r, "key")!) is null && Yaml.Get(secret.Doc, "stringData", Yaml.Str(r, "key")!) is null)
                        yield return $"{w}: Secret '{secret.Name}' has no key '{Yaml.Str(r, "key")}'";
                }
            }
        }
        foreach (var i in OfKind(objects, "Ingress"))
            foreach (var rule in Yaml.Seq(i.Doc, "spec", "rules"))
                foreach (var p in Yaml.Seq(rule, "http", "paths"))
                    if (Yaml.Str(p, "backend", "service", "name") is { } svc && !Exists("Service", svc)) yield return $"{i}: backend Service '{svc}' does not exist";
    }

    private static string Show(IDictionary<object, object> map) => "{" + string.Join(", ", map.Select(kv => $"{kv.Key}={kv.Value}")) + "}";
}
