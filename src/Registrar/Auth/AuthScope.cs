namespace ClusterSip.Registrar.Auth;

/// <summary>Who challenges: the request's target (401, WWW-Authenticate, Authorization; Kamailio www_authorize) or a proxy on the way (407, Proxy-*; proxy_authorize).</summary>
public enum AuthScope
{
    Www,
    Proxy,
}
