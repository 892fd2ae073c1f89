@echo off
rem Menyiapkan Realisasi, ABK dan Sarpras dari Renja dan PK (isian yang sudah ada tetap).
rem Ubah baris berikut bila folder data Anda di tempat lain, mis. set DATA=D:\LKjIP\2025
set DATA=data
chcp 65001 >nul
cd /d "%~dp0.."
if not exist ".venv\Scripts\lkjip.exe" (
  echo Program belum dipasang. Klik dua kali scripts\pasang.bat terlebih dahulu.
  pause
  exit /b 1
)
".venv\Scripts\lkjip.exe" siapkan "%DATA%"
set KODE=%ERRORLEVEL%
echo.
if "%KODE%"=="0" (
  echo Selesai. Buka Realisasi.xlsx di folder %DATA% dan isi sel berwarna kuning.
  start "" "%DATA%"
) else (
  echo Belum berhasil ^(kode %KODE%^). Baca pesan di atas, perbaiki, lalu jalankan lagi.
)
pause
exit /b %KODE%
