global using ClusterSip.Tests.Support;
global using Xunit;
