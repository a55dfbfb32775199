using XenCfg.Cli;

var console = CliConsole.FromSystemConsole();
try
{
    return XcfgApp.Run(args, console);
}
finally
{
    console.Out.Flush();
}
