namespace ClusterSip.Sip; internal static class Placeholder {}
