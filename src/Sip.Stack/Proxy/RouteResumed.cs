namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>Work a suspended request route waited for has finished: its continuation, to run on the transaction's actor.</summary>
internal sealed record RouteResumed(Action<RouteRun> Continue);
