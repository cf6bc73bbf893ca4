@echo off
rem Runs aistudio-proxy on Windows: finds a JDK 21+, builds the jar if missing, passes arguments through.
setlocal enabledelayedexpansion
set "HERE=%~dp0"
set "JAR=%HERE%target\aistudio-proxy.jar"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA (
  for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\jdk-2*" "%ProgramFiles%\Java\jdk-2*" "%ProgramFiles%\Microsoft\jdk-2*") do (
    if exist "%%~D\bin\java.exe" set "JAVA=%%~D\bin\java.exe"
  )
)
if not defined JAVA set "JAVA=java"
for /f "tokens=3" %%V in ('"%JAVA%" -version 2^>^&1 ^| findstr /i "version"') do set "VER=%%~V"
for /f "tokens=1 delims=." %%M in ("%VER%") do set "MAJOR=%%M"
if %MAJOR% LSS 21 (
  echo aistudio-proxy needs Java 21 or newer; set JAVA_HOME to a JDK 21+.
  exit /b 1
)
if not exist "%JAR%" (
  echo Building %JAR% ...
  call mvn -B -q -f "%HERE%pom.xml" -DskipTests package || exit /b 1
)
if not defined PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD set "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1"
rem The heap is capped; set HEAP_MAX=1g for more (java -jar users pass -Xmx512m themselves).
if not defined HEAP_MAX set "HEAP_MAX=512m"
rem A browser before the server starts (a system Chrome or Edge, else Playwright's Chromium, downloaded once).
set "NEEDS_BROWSER=1"
for %%A in (%*) do (
  if /i "%%~A"=="--help" set "NEEDS_BROWSER=0"
  if /i "%%~A"=="-h" set "NEEDS_BROWSER=0"
  if /i "%%~A"=="--version" set "NEEDS_BROWSER=0"
  if /i "%%~A"=="--page" set "NEEDS_BROWSER=0"
  if /i "%%~A"=="simulator" set "NEEDS_BROWSER=0"
  if /i "%%~A"=="stream-proxy" set "NEEDS_BROWSER=0"
  if /i "%%~A"=="browser" set "NEEDS_BROWSER=0"
)
if "%NEEDS_BROWSER%"=="1" (
  "%JAVA%" -Xmx%HEAP_MAX% -jar "%JAR%" browser %*
  if errorlevel 3 (
    echo aistudio-proxy cannot start without a browser: install Chrome or Edge, or set BROWSER_EXECUTABLE_PATH.
    exit /b 1
  )
  if errorlevel 1 exit /b 1
)
"%JAVA%" -Xmx%HEAP_MAX% -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -jar "%JAR%" %*
