namespace ClusterSip.Registrar.Push;

/// <summary>cluster-sip.push: the push wake-up route script's settings.</summary>
/// <param name="Url">Where each push goes as an HTTP POST with a JSON body; null = no push is sent.</param>
/// <param name="Timeout">How long a call waits for an answer while its callee may wake up and register; then 480.</param>
/// <param name="HttpTimeout">How long one push POST may take before it is given up (and logged).</param>
public sealed record PushSettings(Uri? Url, TimeSpan Timeout, TimeSpan HttpTimeout);
