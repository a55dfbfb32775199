using XenCfg.Cli;

return XcfgApp.Run(args, CliConsole.FromSystemConsole());
