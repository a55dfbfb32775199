// The provisioner creates Linux storage; its tests run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
