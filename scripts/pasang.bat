@echo off
rem Memasang lkjip-xls di folder ini (sekali saja). Membutuhkan Python 3.11 dari python.org.
chcp 65001 >nul
cd /d "%~dp0.."
echo Memasang lkjip-xls ...
py -3.11 -m venv .venv 2>nul
if not exist ".venv\Scripts\python.exe" python -m venv .venv
if not exist ".venv\Scripts\python.exe" (
  echo GAGAL: Python 3.11 tidak ditemukan. Pasang dari python.org ^(centang "Add python.exe to PATH"^) lalu ulangi.
  pause
  exit /b 1
)
".venv\Scripts\python.exe" -m pip install --disable-pip-version-check -q .
if errorlevel 1 (
  echo GAGAL memasang paket. Periksa koneksi internet lalu jalankan pasang.bat lagi.
  pause
  exit /b 1
)
if not exist data mkdir data
echo.
echo Pemasangan selesai.
echo Langkah berikut: salin lima templat dari folder input_templates ke folder data, lalu isi.
pause
