namespace ClusterSip.Sip.Stack; internal static class Placeholder {}
