<#
.SYNOPSIS
Makes this Windows PC a Lastword kiosk: the Lastword app replaces Explorer as the shell of one
local account, which signs in by itself, and the app is restarted whenever it exits.

.DESCRIPTION
Uses Shell Launcher v2 (Windows 10/11 Enterprise, Education or IoT Enterprise): the kiosk
account's shell is Lastword.exe, so there is no taskbar, Start menu or desktop to escape to;
every other account (IT's) keeps Explorer. Install the app first (the NSIS installer from
`npm run dist`, installed for all users), and put the kiosk config where the app reads it (see
deploy/windows/README.md). Run from an elevated PowerShell; reboot afterwards.

.PARAMETER KioskUser
The local account the kiosk runs as; created if missing, with a random password nobody needs.

.PARAMETER AppPath
The installed app. The NSIS installer puts it in Program Files\Lastword.

.PARAMETER AutologonExe
Path to Sysinternals Autologon (autologon64.exe). With it, the kiosk account signs in at boot,
its password kept as an LSA secret; without it, the script prints the one command to run.

.PARAMETER Remove
Gives the kiosk account Explorer back and turns Shell Launcher off (the account stays).

.EXAMPLE
.\Set-LastwordKiosk.ps1 -AutologonExe C:\Tools\Autologon64.exe
#>
#Requires -RunAsAdministrator
[CmdletBinding(SupportsShouldProcess)]
param(
    [string]$KioskUser = 'kiosk',
    [string]$AppPath = "$env:ProgramFiles\Lastword\Lastword.exe",
    [string]$AutologonExe,
    [switch]$Remove
)
$ErrorActionPreference = 'Stop'

# What Shell Launcher does when the shell exits (WESL_UserSetting.SetCustomShell).
$RestartShell = 0

function Get-Sid([string]$User) {
    (New-Object System.Security.Principal.NTAccount($User)).Translate(
        [System.Security.Principal.SecurityIdentifier]).Value
}

function Get-ShellLauncher {
    [wmiclass]'\\localhost\root\standardcimv2\embedded:WESL_UserSetting'
}

if ($Remove) {
    $launcher = Get-ShellLauncher
    $launcher.RemoveCustomShell((Get-Sid $KioskUser)) | Out-Null
    $launcher.SetEnabled($false) | Out-Null
    Write-Host "Shell Launcher off; $KioskUser gets Explorer at its next sign-in."
    return
}

if (-not (Test-Path $AppPath)) {
    throw "No Lastword app at ${AppPath}; install it first (the NSIS installer from npm run dist)."
}

# 1. Shell Launcher itself (a Windows feature, off by default).
$feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher
if ($feature.State -ne 'Enabled') {
    Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
}

# 2. The kiosk account: a standard user, with a long random password nobody types.
if (-not (Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue)) {
    $bytes = New-Object byte[] 24
    [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
    $password = [Convert]::ToBase64String($bytes)
    New-LocalUser -Name $KioskUser -Password (ConvertTo-SecureString $password -AsPlainText -Force) `
        -FullName 'Lastword kiosk' -PasswordNeverExpires -UserMayNotChangePassword | Out-Null
    Add-LocalGroupMember -Group (Get-LocalGroup -SID 'S-1-5-32-545') -Member $KioskUser
    Write-Host "Created the local account $KioskUser."
} else {
    $password = $null
}

# 3. Lastword as that account's shell, restarted when it exits; Explorer for everyone else.
$launcher = Get-ShellLauncher
$launcher.SetEnabled($true) | Out-Null
$sid = Get-Sid $KioskUser
try { $launcher.RemoveCustomShell($sid) | Out-Null } catch { }
$launcher.SetCustomShell($sid, "`"$AppPath`"", $null, $null, $RestartShell) | Out-Null
$launcher.SetDefaultShell('explorer.exe', $RestartShell) | Out-Null

# 4. The screen never turns off and the PC never sleeps on mains power (the app also holds a
#    display wake lock while it runs).
powercfg /change monitor-timeout-ac 0
powercfg /change standby-timeout-ac 0
powercfg /change hibernate-timeout-ac 0

# 5. Sign in as the kiosk account at boot.
if ($AutologonExe -and $password) {
    & $AutologonExe $KioskUser $env:COMPUTERNAME $password /accepteula
    Write-Host "The kiosk account signs in at boot (Autologon, password kept as an LSA secret)."
} else {
    Write-Host "To sign in as $KioskUser at boot, set its password and run Sysinternals Autologon:"
    Write-Host "  autologon64.exe $KioskUser $env:COMPUTERNAME <password> /accepteula"
}
Write-Host "Done. Reboot; $KioskUser then sees only Lastword."
