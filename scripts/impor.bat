@echo off
rem Mengisi realisasi anggaran di Realisasi.xlsx dari file ekspor SIPD.
rem Cara pakai: seret (drag) satu atau beberapa file ekspor SIPD ke ikon file ini.
rem Ubah baris berikut bila folder data Anda di tempat lain, mis. set DATA=D:\LKjIP\2025
set DATA=data
chcp 65001 >nul
if "%~1"=="" (
  echo Seret file ekspor SIPD ^(xlsx, xls atau csv^) ke ikon impor.bat ini.
  pause
  exit /b 2
)
cd /d "%~dp0.."
if not exist ".venv\Scripts\lkjip.exe" (
  echo Program belum dipasang. Klik dua kali scripts\pasang.bat terlebih dahulu.
  pause
  exit /b 1
)
".venv\Scripts\lkjip.exe" impor %* "%DATA%"
set KODE=%ERRORLEVEL%
echo.
if "%KODE%"=="0" (
  echo Selesai. Periksa sheet Anggaran di Realisasi.xlsx, lalu klik dua kali proses_bulanan.bat.
) else (
  echo Belum berhasil ^(kode %KODE%^). Baca pesan di atas, perbaiki, lalu jalankan lagi.
)
pause
exit /b %KODE%
