using BenchmarkDotNet.Running;

namespace ClusterSip.Sip.Benchmarks;

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
