using System.Security.Cryptography.X509Certificates;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>A certificate with its private key, and the intermediates of its chain sent after it in the handshake.</summary>
public sealed record TlsIdentity(X509Certificate2 Certificate, X509Certificate2Collection Intermediates);
