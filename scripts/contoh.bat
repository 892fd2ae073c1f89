@echo off
rem Menulis contoh terisi (Kecamatan Bareng 2024) ke folder contoh, untuk dibandingkan dengan templat kosong.
chcp 65001 >nul
cd /d "%~dp0.."
if not exist ".venv\Scripts\lkjip.exe" (
  echo Program belum dipasang. Klik dua kali scripts\pasang.bat terlebih dahulu.
  pause
  exit /b 1
)
".venv\Scripts\lkjip.exe" contoh contoh
start "" "contoh"
pause
