using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Node.Hosting;

/// <summary>Where GET /security/blocked reads the sources the SIP transports' pike blocks; none until the SIP feature starts.</summary>
public sealed class BlockedSourcesRegistry
{
    private Func<IReadOnlyList<BlockedSource>> _source = () => [];

    public void Use(Func<IReadOnlyList<BlockedSource>> source) => Volatile.Write(ref _source, source);

    public IReadOnlyList<BlockedSource> Current() => Volatile.Read(ref _source)();
}
